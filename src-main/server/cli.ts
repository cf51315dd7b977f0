console.log('server shell placeholder');
